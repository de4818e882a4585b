{ error-line: 11 }
program FieldUnknown;
type
  TPoint = record
    x, y: integer;
  end;
var
  p: TPoint;
begin
  p.x := 1;
  p.z := 2;
  writeln(p.x);
end.
