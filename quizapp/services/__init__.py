"""Application services: the operations views and CLI commands share."""
