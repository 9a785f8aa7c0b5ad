enum KubeAPIServerModule {}
