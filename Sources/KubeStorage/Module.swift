enum KubeStorageModule {}
