"""Reading the place of a row as a person would: the province cell, the commune cell, an old
district column and the address, in 2025 or pre-2025 units."""
