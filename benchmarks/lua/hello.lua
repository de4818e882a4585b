-- hello: not a benchmark; run.sh measures the peak memory of running it.
print("Hello, world!")
