program Calendar;
{ Dates: leap years, day of the week (Zeller), days between dates, and a printed month
  calendar; uses enumerations, records and case. }
type
  TWeekday = (Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday);
  TDate = record
    y, m, d: integer;
  end;
var
  dt, other: TDate;
  y: integer;

function IsLeap(year: integer): boolean;
begin
  IsLeap := ((year mod 4 = 0) and (year mod 100 <> 0)) or (year mod 400 = 0);
end;

function DaysIn(year, month: integer): integer;
begin
  case month of
    1, 3, 5, 7, 8, 10, 12: DaysIn := 31;
    4, 6, 9, 11: DaysIn := 30;
    2: if IsLeap(year) then DaysIn := 29 else DaysIn := 28;
  else
    DaysIn := 0;
  end;
end;

function Weekday(const date: TDate): TWeekday;
var
  q, m, k, j, h, yy: integer;
begin
  q := date.d; m := date.m; yy := date.y;
  if m < 3 then
  begin
    m := m + 12;
    yy := yy - 1;
  end;
  k := yy mod 100;
  j := yy div 100;
  h := (q + (13 * (m + 1)) div 5 + k + k div 4 + j div 4 + 5 * j) mod 7;
  { h: 0 = Saturday }
  Weekday := Sunday;
  for k := 1 to (h + 6) mod 7 do Weekday := succ(Weekday);
end;

function DayNumber(const date: TDate): integer;
var
  yy, mm: integer;
begin
  Result := date.d;
  for mm := 1 to date.m - 1 do Result := Result + DaysIn(date.y, mm);
  for yy := 1 to date.y - 1 do
    if IsLeap(yy) then Result := Result + 366 else Result := Result + 365;
end;

procedure PrintMonth(year, month: integer);
var
  first: TDate;
  wd: TWeekday;
  day, col: integer;
begin
  writeln('   ', month:2, '/', year);
  writeln(' Su Mo Tu We Th Fr Sa');
  first.y := year; first.m := month; first.d := 1;
  col := ord(Weekday(first));
  for day := 1 to col do write('   ');
  for day := 1 to DaysIn(year, month) do
  begin
    write(day:3);
    inc(col);
    if col = 7 then
    begin
      writeln;
      col := 0;
    end;
  end;
  if col <> 0 then writeln;
end;

begin
  for y := 1896 to 1904 do
    if IsLeap(y) then write(y, ' ');
  writeln(IsLeap(2000), ' ', IsLeap(2100), ' ', IsLeap(2024));
  dt.y := 1969; dt.m := 7; dt.d := 20;
  writeln('1969-07-20 was a ', Weekday(dt));
  dt.y := 2000; dt.m := 1; dt.d := 1;
  writeln('2000-01-01 was a ', Weekday(dt));
  other.y := 2024; other.m := 2; other.d := 29;
  writeln('2024-02-29 was a ', Weekday(other));
  writeln('days between: ', DayNumber(other) - DayNumber(dt));
  PrintMonth(2024, 2);
  PrintMonth(2023, 10);
end.
