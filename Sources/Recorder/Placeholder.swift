// Placeholder until the trace store lands; delete when another file exists here.
