# session module (see doc/HACKING.md)
