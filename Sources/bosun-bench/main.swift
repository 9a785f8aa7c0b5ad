import KubeAPIServer
import KubeStorage
print("placeholder")
