program enum_values;
{ Enumerations whose members are given values, as fpc allows (= or :=):
  ord, low/high, sizeof, comparisons, case, sets, for loops over the gaps
  (only named values are written). }
type
  TLevel = (Lo = 1, Mid = 5, Hi := 10);
  TColor = (Red, Green = 3, Blue);
  THttp = (Ok = 200, NotFound = 404, Error = 500);
var
  l: TLevel;
  c: TColor;
  counts: array[0..10] of integer;
  cs: set of TColor;
  h: THttp;
begin
  for c := Low(TColor) to High(TColor) do write(ord(c), ' ');
  writeln;
  writeln(ord(Low(TLevel)), ' ', ord(High(TLevel)), ' ', Red, Green, Blue, ' ', SizeOf(TColor));
  for c := Red to Blue do counts[ord(c)] := ord(c) * 2;
  writeln(counts[ord(Blue)], ' ', Length(counts));
  cs := [Red, Blue];
  writeln(Blue in cs, ' ', Green in cs);
  l := Mid;
  case l of
    Lo: writeln('low');
    Mid: writeln('mid');
    Hi: writeln('high');
  end;
  writeln(l > Lo, Green > Red);
  h := NotFound;
  writeln(h, ' ', ord(h));
  for h := Ok to Error do if (h = Ok) or (h = NotFound) or (h = Error) then write(h, ' ');
  writeln;
end.
