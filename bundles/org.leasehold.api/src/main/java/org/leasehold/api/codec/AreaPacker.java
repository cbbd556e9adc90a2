package org.leasehold.api.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leasehold.api.message.DhcpOption;

/**
 * Packs reply options into the options field, {@code file} and {@code sname} (RFC 2131 option
 * overload). Which options go is decided in client priority order until the room is used up; they
 * are then packed biggest first so that each option lands whole in one area when possible (a value
 * split across areas is valid RFC 3396 but trips common dissectors and clients); only what fits
 * nowhere whole is split across areas. Within an area the options keep their priority order.
 * Not thread-safe; one per reply.
 */
final class AreaPacker {
    static final int MAIN = 0;
    static final int FILE = 1;
    static final int SNAME = 2;
    private static final int[] CRITICAL = {53, 54, 51, 58, 59};

    /** One instance placed in an area: bytes [from, from+len) of the option's value. */
    record Piece(int rank, DhcpOption option, int from, int len) {
    }

    private final int[] free;
    private final List<List<Piece>> areas = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    AreaPacker(int mainFree, int fileFree, int snameFree) {
        free = new int[] {mainFree, fileFree, snameFree};
    }

    List<Piece> area(int index) {
        return areas.get(index);
    }

    /** Packs options given in priority order; returns those that did not fit. */
    List<DhcpOption> pack(List<DhcpOption> ordered) {
        int budget = free[MAIN] + free[FILE] + free[SNAME];
        List<Integer> chosen = new ArrayList<>();
        List<DhcpOption> dropped = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            int w = OptionWriter.wireSize(ordered.get(i).length());
            if (w <= budget) {
                chosen.add(i);
                budget -= w;
            } else {
                dropped.add(ordered.get(i));
            }
        }
        chosen.sort(Comparator.comparingInt((Integer i) -> critical(ordered.get(i)) ? 0 : 1)
            .thenComparingInt(i -> critical(ordered.get(i)) ? i : -OptionWriter.wireSize(ordered.get(i).length()))
            .thenComparingInt(i -> i));
        for (int rank : chosen) {
            DhcpOption o = ordered.get(rank);
            if (!placeWhole(rank, o) && !placeSplit(rank, o)) {
                dropped.add(o);
            }
        }
        for (List<Piece> area : areas) {
            area.sort(Comparator.comparingInt(Piece::rank));
        }
        return dropped;
    }

    private static boolean critical(DhcpOption o) {
        for (int c : CRITICAL) {
            if (o.code() == c) {
                return true;
            }
        }
        return false;
    }

    private boolean placeWhole(int rank, DhcpOption o) {
        int w = OptionWriter.wireSize(o.length());
        for (int a = MAIN; a <= SNAME; a++) {
            if (free[a] >= w) {
                int from = 0;
                do {
                    int chunk = Math.min(255, o.length() - from);
                    areas.get(a).add(new Piece(rank, o, from, chunk));
                    from += chunk;
                } while (from < o.length());
                free[a] -= w;
                return true;
            }
        }
        return false;
    }

    /**
     * Splits instances over the areas in RFC 3396 order (never back to an earlier area), each
     * instance in the first area with room, cut to fit when none has. All or nothing.
     */
    private boolean placeSplit(int rank, DhcpOption o) {
        int[] trial = free.clone();
        List<List<Piece>> added = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int area = MAIN;
        int from = 0;
        while (from < o.length()) {
            int chunk = Math.min(255, o.length() - from);
            int a = area;
            while (a <= SNAME && trial[a] < 2 + chunk) {
                a++;
            }
            if (a > SNAME) {
                while (area <= SNAME && trial[area] < 3) {
                    area++;
                }
                if (area > SNAME) {
                    return false;
                }
                a = area;
                chunk = trial[a] - 2;
            }
            added.get(a).add(new Piece(rank, o, from, chunk));
            trial[a] -= 2 + chunk;
            area = a;
            from += chunk;
        }
        System.arraycopy(trial, 0, free, 0, 3);
        for (int i = 0; i < 3; i++) {
            areas.get(i).addAll(added.get(i));
        }
        return true;
    }
}
