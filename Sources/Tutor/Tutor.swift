// Tutor module
