"""Plain page text read the way an editor would: small named rules over its lines."""
