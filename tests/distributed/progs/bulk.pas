{ A service taking and giving arrays near NATS's message limit (about 480 KB). }
program Bulk;
type TBig = array[1..60000] of integer;

{$dvm export}
function total(const a: TBig): integer;
var i, s: integer;
begin
  s := 0;
  for i := 1 to 60000 do s := s + a[i];
  total := s;
end;

{$dvm export}
function ramp(step: integer): TBig;
var i: integer;
begin
  for i := 1 to 60000 do ramp[i] := i * step;
end;

begin
  serve;
end.
