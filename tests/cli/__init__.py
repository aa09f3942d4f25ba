"""The commands through click: output, exit codes, bad and hostile input, interrupts."""
