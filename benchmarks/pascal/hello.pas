{ hello: not a benchmark; run.sh measures the peak memory of running it. }
program hello;

begin
  writeln('Hello, world!');
end.
