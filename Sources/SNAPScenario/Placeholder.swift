import SNAPSim
