"""The app's screens: queue, group, article, help, and the small modal questions."""
