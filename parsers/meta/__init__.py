"""Meta's exports: Facebook, Instagram and Threads, and what they share (records, mojibake, Messenger)."""
