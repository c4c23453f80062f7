// Kubectl module
