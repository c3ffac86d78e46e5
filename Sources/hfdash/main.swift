import HFEngine
print("hfdash")
