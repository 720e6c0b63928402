from .cli import run

if __name__ == "__main__":  # not when a process started apart imports it (common/parallel.py)
    run()
