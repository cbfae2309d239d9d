# ui module (see doc/HACKING.md)
