"""Printable documents written with ReportLab; no Qt."""
