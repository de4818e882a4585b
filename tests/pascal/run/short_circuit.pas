program ShortCircuit;
{ Boolean and/or short-circuit: the right operand is not evaluated when the left one
  decides. Side effects prove it. }
var
  calls: integer;
  p: ^integer;
  a: array[1..5] of integer;
  i: integer;

function T(tag: char): boolean;
begin
  write(tag);
  calls := calls + 1;
  T := true;
end;

function F(tag: char): boolean;
begin
  write(tag);
  calls := calls + 1;
  F := false;
end;

begin
  calls := 0;
  if F('a') and T('b') then write(' yes') else write(' no');
  writeln(' calls=', calls);
  calls := 0;
  if T('c') or F('d') then write(' yes') else write(' no');
  writeln(' calls=', calls);
  calls := 0;
  if T('e') and F('f') then write(' yes') else write(' no');
  writeln(' calls=', calls);
  calls := 0;
  if F('g') or T('h') then write(' yes') else write(' no');
  writeln(' calls=', calls);
  calls := 0;
  if F('i') and T('j') or T('k') and F('l') or T('m') then write(' yes') else write(' no');
  writeln(' calls=', calls);
  calls := 0;
  writeln(T('n') or T('o') or T('p'), ' calls=', calls);
  { guard patterns that would fail without short-circuit }
  p := nil;
  if (p <> nil) and (p^ = 3) then writeln('bad') else writeln('nil guarded');
  for i := 1 to 5 do a[i] := i * 10;
  i := 1;
  while (i <= 5) and (a[i] <> 30) do i := i + 1;
  writeln('found at ', i);
  i := 0;
  if (i = 0) or (10 div i > 1) then writeln('division avoided');
  { not xor: both sides always evaluated }
  calls := 0;
  if T('q') xor T('r') then write(' yes') else write(' no');
  writeln(' calls=', calls);
end.
