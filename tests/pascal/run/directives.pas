program Directives;
{ dvm's update directives in a first version: fpc warns about them and ignores them, dvm
  records them; either way the program runs normally. Other directives are ignored. }
{$mode objfpc}
{$dvm group Tick, Report}
type
  TStats = record
    ticks, total: integer;
  end;
var
  stats: TStats;
  i: integer;

procedure Tick(n: integer);
begin
  {$dvm updatepoint}
  stats.ticks := stats.ticks + 1;
  stats.total := stats.total + n;
end;

{ stands in for Tick for callers compiled against an older signature }
{$dvm interprocedure Tick}
procedure TickFromOld(n: integer);
begin
  Tick(n);
end;

{$dvm mapper stats}
procedure MapStats(const old: TStats);
begin
  stats.ticks := old.ticks;
  stats.total := old.total;
end;

procedure Report;
begin
  writeln('ticks ', stats.ticks, ' total ', stats.total);
end;

begin
  stats.ticks := 0;
  stats.total := 0;
  for i := 1 to 10 do
  begin
    Tick(i);
    {$dvm updatepoint};
  end;
  Report;
end.
