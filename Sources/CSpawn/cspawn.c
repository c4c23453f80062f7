int cspawn_placeholder(void) { return 0; }
