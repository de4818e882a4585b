{ fpc's stderr and erroutput text files, maxlongint, maxsmallint, and
  high/low of a string[N].  (Only standard output is compared; tests/cli_tests.sh
  checks what reaches standard error.) }
program StderrAndFpcLimits;
var
  s: string[3];
begin
  writeln('out 1');
  writeln(stderr, 'err 1 ', 42:5);
  write(erroutput, 'err 2');
  writeln(erroutput);
  flush(stderr);
  writeln('out 2 ', maxlongint, ' ', maxsmallint);
  s := 'abcdef';
  writeln(high(s), ' ', low(s), ' ', s);
end.
