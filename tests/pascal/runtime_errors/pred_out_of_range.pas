{ runtime-error: 10: pred out of range }
program PredOutOfRange;
type
  TLevel = (Low, Mid, High);
var
  l: TLevel;
begin
  l := High;
  while true do
    l := pred(l);
end.
