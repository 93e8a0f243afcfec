// Placeholder until the simulator lands; delete when another file exists here.
