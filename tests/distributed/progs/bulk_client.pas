{ Sends bulk.total an array of 60000 integers and checks bulk.ramp's, in a loop. }
program BulkClient;
type TBig = array[1..60000] of integer;
var a, b: TBig; i, round, bad: integer;
function total(const a: TBig): integer; external 'bulk';
function ramp(step: integer): TBig; external 'bulk';
begin
  bad := 0;
  for round := 1 to 5 do begin
    for i := 1 to 60000 do a[i] := i + round;
    if total(a) <> 1800030000 + 60000 * round then bad := bad + 1;
    b := ramp(round);
    for i := 1 to 60000 do if b[i] <> i * round then bad := bad + 1;
  end;
  writeln('bad ', bad);
end.
