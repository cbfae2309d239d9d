# runner module (see doc/HACKING.md)
