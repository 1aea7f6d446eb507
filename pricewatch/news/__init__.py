"""News: feeds and articles → price claims → reported events."""
