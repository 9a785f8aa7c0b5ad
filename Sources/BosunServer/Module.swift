enum BosunServerModule {}
