"""Renderers: text, JSON and Markdown views of an Evaluation. They format; they never decide."""
