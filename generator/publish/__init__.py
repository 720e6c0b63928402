"""Stage 8, putting a build in place: staging, warm builds, the swap that never leaves a half-built site."""
