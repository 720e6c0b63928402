"""Stage 2, the published model: checked records resolved into initiatives, stories and organisations,
their figures, and the record cache of warm builds."""
