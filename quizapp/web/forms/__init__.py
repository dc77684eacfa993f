"""Form classes, one module per area."""
