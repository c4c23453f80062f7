print("kubetutor")
