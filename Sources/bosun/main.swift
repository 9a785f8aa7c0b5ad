print("bosun")
