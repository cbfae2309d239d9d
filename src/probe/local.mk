# probe module: SIP ALG probe, reflector, network checks (see doc/HACKING.md)
