"""Mock-loop mode: a real interview loop rehearsed round by round, at one level, against each round's countdown."""
