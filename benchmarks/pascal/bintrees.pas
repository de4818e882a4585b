{ bintrees: the Computer Language Benchmarks Game binary-trees workload: allocate many
  perfect binary trees, walk them, free them, while one long-lived tree stays. Measures
  heap allocation (new/dispose) and pointer-chasing recursion. }
program bintreesbench;

const
  MINDEPTH = 4;
  MAXDEPTH = 15;

type
  PNode = ^TNode;
  TNode = record
    left, right: PNode;
  end;

function make(depth: integer): PNode;
var
  n: PNode;
begin
  new(n);
  if depth > 0 then
  begin
    n^.left := make(depth - 1);
    n^.right := make(depth - 1);
  end
  else
  begin
    n^.left := nil;
    n^.right := nil;
  end;
  make := n;
end;

function check(n: PNode): integer;
begin
  if n^.left = nil then
    check := 1
  else
    check := 1 + check(n^.left) + check(n^.right);
end;

procedure release(n: PNode);
begin
  if n^.left <> nil then
  begin
    release(n^.left);
    release(n^.right);
  end;
  dispose(n);
end;

var
  longlived, t: PNode;
  depth, iterations, i, sum, total: integer;

begin
  total := 0;
  t := make(MAXDEPTH + 1);
  writeln('stretch ', check(t));
  release(t);
  longlived := make(MAXDEPTH);
  depth := MINDEPTH;
  while depth <= MAXDEPTH do
  begin
    iterations := 1;
    for i := 1 to MAXDEPTH - depth + MINDEPTH do
      iterations := iterations * 2;
    sum := 0;
    for i := 1 to iterations do
    begin
      t := make(depth);
      sum := sum + check(t);
      release(t);
    end;
    total := total + sum;
    depth := depth + 2;
  end;
  writeln('longlived ', check(longlived), ' total ', total);
  release(longlived);
end.
