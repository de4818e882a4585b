program Recursion;
{ Recursive functions and procedures: factorial, Fibonacci, gcd, power, Ackermann,
  Hanoi, permutations, binary representation. }
var
  moves: integer;
  perm: array[1..4] of integer;
  used: array[1..4] of boolean;
  count: integer;

function Fact(n: integer): integer;
begin
  if n <= 1 then Fact := 1 else Fact := n * Fact(n - 1);
end;

function Fib(n: integer): integer;
begin
  if n < 2 then Fib := n else Fib := Fib(n - 1) + Fib(n - 2);
end;

function Gcd(a, b: integer): integer;
begin
  if b = 0 then Gcd := a else Gcd := Gcd(b, a mod b);
end;

function Power(b, e: integer): integer;
var
  half: integer;
begin
  if e = 0 then exit(1);
  half := Power(b, e div 2);
  if odd(e) then Power := half * half * b else Power := half * half;
end;

function Ack(m, n: integer): integer;
begin
  if m = 0 then Ack := n + 1
  else if n = 0 then Ack := Ack(m - 1, 1)
  else Ack := Ack(m - 1, Ack(m, n - 1));
end;

procedure Hanoi(n: integer; src, dst, via: char);
begin
  if n = 0 then exit;
  Hanoi(n - 1, src, via, dst);
  moves := moves + 1;
  if n >= 3 then writeln('move disk ', n, ' ', src, '->', dst);
  Hanoi(n - 1, via, dst, src);
end;

procedure Permute(k: integer);
var
  i: integer;
begin
  if k > 4 then
  begin
    count := count + 1;
    if count mod 6 = 1 then
    begin
      for i := 1 to 4 do write(perm[i]);
      write(' ');
    end;
    exit;
  end;
  for i := 1 to 4 do
    if not used[i] then
    begin
      used[i] := true;
      perm[k] := i;
      Permute(k + 1);
      used[i] := false;
    end;
end;

procedure Binary(n: integer);
begin
  if n > 1 then Binary(n div 2);
  write(n mod 2);
end;

function Depth(n: integer): integer;
begin
  if n = 0 then Depth := 0 else Depth := 1 + Depth(n - 1);
end;

begin
  writeln(Fact(10), ' ', Fact(12));
  writeln(Fib(20), ' ', Fib(1), ' ', Fib(0));
  writeln(Gcd(1071, 462), ' ', Gcd(17, 5), ' ', Gcd(0, 9));
  writeln(Power(2, 30), ' ', Power(3, 13), ' ', Power(7, 0));
  writeln(Ack(2, 3), ' ', Ack(3, 3));
  moves := 0;
  Hanoi(5, 'A', 'C', 'B');
  writeln('moves ', moves);
  count := 0;
  Permute(1);
  writeln;
  writeln('permutations ', count);
  Binary(37); write(' '); Binary(1024); writeln;
  writeln('depth ', Depth(10000));
end.
