program ControlFlow;
{ Statements: if/else chains and the dangling else, while, repeat, for to/downto
  (including loops that run zero times), nested loops with break and continue, empty
  statements, compound statements. }
var
  i, j, n, sum: integer;
  found: boolean;

procedure Grade(score: integer);
begin
  if score >= 90 then writeln(score, ' A')
  else if score >= 80 then writeln(score, ' B')
  else if score >= 70 then writeln(score, ' C')
  else writeln(score, ' F');
end;

begin
  Grade(95); Grade(85); Grade(70); Grade(12);
  { dangling else binds to the nearest if }
  for i := 1 to 3 do
    if i > 1 then
      if i > 2 then writeln(i, ' big')
      else writeln(i, ' medium');
  { while }
  n := 27; j := 0;
  while n <> 1 do
  begin
    if odd(n) then n := 3 * n + 1 else n := n div 2;
    j := j + 1;
  end;
  writeln('collatz steps ', j);
  i := 10;
  while i < 5 do i := i + 1;
  writeln('while not entered ', i);
  { repeat runs at least once }
  i := 10;
  repeat
    i := i + 1;
  until i > 5;
  writeln('repeat ran once ', i);
  sum := 0;
  i := 0;
  repeat
    i := i + 1;
    sum := sum + i;
  until sum >= 100;
  writeln('repeat ', i, ' ', sum);
  { for }
  sum := 0;
  for i := 1 to 10 do sum := sum + i;
  writeln('up ', sum);
  for i := 10 downto 1 do write(i, ' ');
  writeln;
  for i := 5 to 1 do writeln('never');
  for i := 1 downto 5 do writeln('never');
  for i := 3 to 3 do writeln('once ', i);
  n := 3;
  for i := 1 to n do
  begin
    n := 10;   { the bound is evaluated once }
    write(i);
  end;
  writeln(' ', n);
  { break and continue }
  for i := 1 to 10 do
  begin
    if i mod 2 = 0 then continue;
    if i > 7 then break;
    write(i, ' ');
  end;
  writeln;
  found := false;
  for i := 1 to 5 do
  begin
    for j := 1 to 5 do
    begin
      if j > i then break;
      if (i * j) = 12 then
      begin
        found := true;
        break;
      end;
    end;
    if found then break;
  end;
  writeln('found ', found, ' ', i, ' ', j);
  i := 0;
  while true do
  begin
    i := i + 1;
    if i < 3 then continue;
    if i >= 6 then break;
    write('w', i, ' ');
  end;
  writeln;
  i := 0;
  repeat
    i := i + 1;
    if i = 2 then continue;
    write('r', i, ' ');
  until i >= 4;
  writeln;
  { empty statements }
  ;;
  begin end;
  if i > 0 then else writeln('never');
  for i := 1 to 3 do ;
  while false do ;
  begin ; ; end;
  writeln('empty statements ok');
end.
