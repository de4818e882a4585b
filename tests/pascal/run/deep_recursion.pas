program DeepRecursion;
{ 100,000 nested calls of a small procedure (dvm's default stack must allow them), and
  a deep mutual recursion. }
var
  maxDepth: integer;

procedure Dive(n: integer);
begin
  if n > maxDepth then maxDepth := n;
  if n < 100000 then Dive(n + 1);
end;

function SumTo(n: integer): integer;
begin
  if n = 0 then SumTo := 0 else SumTo := n + SumTo(n - 1);
end;

function A(n: integer): integer; forward;

function B(n: integer): integer;
begin
  if n = 0 then B := 0 else B := A(n - 1) + 2;
end;

function A(n: integer): integer;
begin
  if n = 0 then A := 0 else A := B(n - 1) + 1;
end;

begin
  maxDepth := 0;
  Dive(1);
  writeln('depth ', maxDepth);
  writeln('sum ', SumTo(50000));
  writeln('mutual ', A(30001));
end.
