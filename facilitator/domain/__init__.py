"""Pure rules of the product: no Qt, no database."""
