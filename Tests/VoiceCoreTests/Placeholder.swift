// Placeholder; delete when a test file exists here.
