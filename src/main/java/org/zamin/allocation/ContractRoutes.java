package org.zamin.allocation;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zamin.account.Auth;
import org.zamin.http.ApiException;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code GET /api/allocations/{id}/contract} and the writes under {@code /api/allocations/{id}/…}: milestones,
 * reports and inspections (JSON, or multipart with files), extensions and their decisions.
 */
public final class ContractRoutes {

    private final ContractService contracts;
    private final Auth auth;

    public ContractRoutes(ContractService contracts, Auth auth) {
        this.contracts = contracts;
        this.auth = auth;
    }

    public void contract(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(contracts.contract(user, Params.id(ctx, "id")));
    }

    /** Body of {@code POST …/milestones}. */
    public record MilestoneBody(String kind, String achievedOn) {}

    public void milestone(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.read(ctx, MilestoneBody.class);
        MilestoneKind kind = MilestoneKind.parse(body.kind()).orElseThrow(() -> ApiException.unprocessable(
                "unknown_milestone", "kind must be one of " + java.util.Arrays.toString(MilestoneKind.values())));
        ctx.status(201).json(contracts.recordMilestone(user, Params.id(ctx, "id"), kind,
                body.achievedOn() == null ? contracts.today() : date(body.achievedOn())));
    }

    /** Body of {@code POST …/reports} as JSON. */
    public record ReportBody(Integer percent, String text) {}

    public void report(Context ctx) {
        var user = auth.require(ctx);
        int percent;
        String text;
        if (multipart(ctx)) {
            percent = intForm(ctx, "percent");
            text = ctx.formParam("text");
        } else {
            var body = JsonBody.read(ctx, ReportBody.class);
            if (body.percent() == null) {
                throw ApiException.unprocessable("invalid_percent", "percent is required");
            }
            percent = body.percent();
            text = body.text();
        }
        ctx.status(201).json(contracts.addReport(user, Params.id(ctx, "id"), percent, text == null ? "" : text,
                uploads(ctx)));
    }

    /** Body of {@code POST …/inspections} as JSON (photos need multipart, with the same fields as form fields). */
    public record InspectionBody(String inspectedOn, String finding, String notes, Double deviceLon, Double deviceLat) {}

    public void inspection(Context ctx) {
        var user = auth.require(ctx);
        InspectionBody body;
        if (multipart(ctx)) {
            String on = ctx.formParam("inspectedOn");
            body = new InspectionBody(on == null || on.isBlank() ? null : on, ctx.formParam("finding"),
                    ctx.formParam("notes"), coordinate(ctx, "deviceLon"), coordinate(ctx, "deviceLat"));
        } else {
            body = JsonBody.read(ctx, InspectionBody.class);
        }
        ctx.status(201).json(contracts.addInspection(user, Params.id(ctx, "id"),
                body.inspectedOn() == null ? contracts.today() : date(body.inspectedOn()),
                body.finding() == null ? "" : body.finding(), body.notes(), uploads(ctx), device(body)));
    }

    /** The inspector's device position: both coordinates or neither. */
    private static Optional<PhotoPosition> device(InspectionBody body) {
        if ((body.deviceLon() == null) != (body.deviceLat() == null)) {
            throw ApiException.unprocessable("invalid_position", "deviceLon and deviceLat come together");
        }
        return body.deviceLon() == null ? Optional.empty()
                : Optional.of(new PhotoPosition(body.deviceLon(), body.deviceLat(), PhotoPosition.Source.DEVICE));
    }

    /** A decimal-degree form field (Persian or Arabic-Indic digits too); absent when empty. */
    private static Double coordinate(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(Params.latinDigits(v.strip()).replace('\u066B', '.'));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException(v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("invalid_position", name + " must be a number of degrees");
        }
    }

    /** Body of {@code POST …/extensions}. */
    public record ExtensionBody(Integer months, String reason) {}

    public void requestExtension(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.read(ctx, ExtensionBody.class);
        if (body.months() == null) {
            throw ApiException.unprocessable("months_required", "months is required");
        }
        ctx.status(201).json(contracts.requestExtension(user, Params.id(ctx, "id"), body.months(), body.reason()));
    }

    /** Body of a grant or refusal. */
    public record DecisionBody(String reason) {}

    public void decideExtension(Context ctx) {
        var user = auth.require(ctx);
        String decision = ctx.pathParam("decision");
        if (!decision.equals("grant") && !decision.equals("refuse")) {
            throw ApiException.notFound("action " + decision);
        }
        var body = JsonBody.readOr(ctx, DecisionBody.class, new DecisionBody(null));
        ctx.json(contracts.decideExtension(user, Params.id(ctx, "id"), Params.id(ctx, "request"),
                decision.equals("grant"), body.reason()));
    }

    private static LocalDate date(String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("invalid_date", "dates are YYYY-MM-DD, got '" + v + "'");
        }
    }

    private static boolean multipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("multipart/form-data");
    }

    private static int intForm(Context ctx, String name) {
        try {
            return Integer.parseInt(String.valueOf(ctx.formParam(name)).strip());
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("invalid_" + name, name + " must be a whole number");
        }
    }

    private static List<ContractService.Upload> uploads(Context ctx) {
        if (!multipart(ctx)) {
            return List.of();
        }
        List<ContractService.Upload> out = new ArrayList<>();
        for (var f : ctx.uploadedFiles("files")) {
            if (f.size() > ContractService.MAX_UPLOAD_BYTES) {
                throw new ApiException(413, "file_too_large", f.filename() + " is larger than 5 MB");
            }
            try (var in = f.content()) {
                out.add(new ContractService.Upload(f.filename(), sniff(f.contentType()), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String sniff(String declared) {
        return declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }
}
