program untyped_pointers;
{ The type pointer: nil, assigned, comparisons, taking and giving typed
  pointers, arrays of them. }
type
  PInt = ^integer;
  PRec = ^TRec;
  TRec = record n: integer; s: string; end;
var
  p, q: pointer;
  pi: PInt;
  pr: PRec;
  items: array[1..3] of pointer;
  i: integer;
begin
  p := nil;
  writeln(p = nil, ' ', Assigned(p));
  new(pi); pi^ := 42;
  p := pi;
  q := p;
  writeln(p = q, ' ', Assigned(p), ' ', p <> nil);
  pi := p;
  writeln(pi^);
  new(pr); pr^.n := 7; pr^.s := 'rec';
  items[1] := pi; items[2] := pr; items[3] := nil;
  pr := items[2];
  writeln(pr^.n, pr^.s);
  for i := 1 to 3 do write(Assigned(items[i]), ' ');
  writeln;
  dispose(pr);
  dispose(pi);
end.
