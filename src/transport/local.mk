# transport module (see doc/HACKING.md)
