program Subranges;
{ Subrange types of integers, chars and enumerations; arrays indexed by subranges;
  negative bounds. }
type
  TDigit = 0..9;
  TLower = 'a'..'z';
  TDay = (Mon, Tue, Wed, Thu, Fri, Sat, Sun);
  TWork = Mon..Fri;
  TTemp = -20..40;
  TScore = 1..100;
var
  dg: TDigit;
  l: TLower;
  w: TWork;
  t: TTemp;
  hist: array[TTemp] of integer;
  sc: TScore;
  sum: integer;
  byWork: array[TWork] of char;
begin
  sum := 0;
  for dg := low(TDigit) to high(TDigit) do sum := sum + dg;
  writeln('digits sum ', sum, ' ', low(TDigit), ' ', high(TDigit));
  l := 'k';
  writeln(l, ' ', succ(l), ' ', ord(l), ' ', low(TLower), high(TLower));
  for w := Mon to Fri do byWork[w] := chr(ord('A') + ord(w));
  for w := low(TWork) to high(TWork) do write(w, '=', byWork[w], ' ');
  writeln;
  w := Thu;
  writeln(high(TWork), ' ', succ(w), ' ', w = Fri);
  for t := -20 to 40 do hist[t] := 0;
  t := -5;
  while t <= 30 do
  begin
    hist[t] := hist[t] + 1;
    t := t + 7;
  end;
  for t := low(TTemp) to high(TTemp) do
    if hist[t] > 0 then write(t, ' ');
  writeln;
  writeln(low(hist), ' ', high(hist), ' ', length(hist));
  sc := 50;
  sc := sc * 2;
  writeln(sc);
  sc := sc - 99;
  writeln(sc);
  t := -20;
  writeln(t, ' ', abs(t), ' ', t div 3, ' ', t mod 3);
end.
