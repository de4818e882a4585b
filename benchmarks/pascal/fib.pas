{ fib: recursive Fibonacci. Measures procedure calls and returns, integer add/compare. }
program fibbench;

const
  N = 39;

function fib(n: integer): integer;
begin
  if n < 2 then
    fib := n
  else
    fib := fib(n - 1) + fib(n - 2);
end;

begin
  writeln(fib(N));
end.
