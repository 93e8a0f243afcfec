import Hummingbird
import NIOCore

extension LiveServer {
    /// The browser client: the page at `/` and its worklets (static, no secrets: the page takes
    /// the token from its own URL), and the results a self-running page posts back
    /// (`POST /browser/results`, read with `GET`; both need the token). `/browser/hold` answers a
    /// 1×1 GIF once results are in, so a screenshot taken at the load event shows the finished page.
    func addBrowserRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Self.text(BrowserPage.html, type: "text/html; charset=utf-8")
        }
        router.get("/browser/worklets.js") { _, _ in
            Self.text(BrowserPage.worklets, type: "text/javascript; charset=utf-8")
        }
        router.post("/browser/results") { request, _ -> Response in
            guard self.authorized(request) else { throw HTTPError(.unauthorized, message: "missing or wrong token") }
            var request = request
            let body = try await request.collectBody(upTo: BrowserResults.bytesMax)
            self.browserResults.post(String(buffer: body))
            self.options.log("browser results posted (\(body.readableBytes) bytes)")
            return Response(status: .noContent)
        }
        router.get("/browser/results") { request, _ -> Response in
            guard self.authorized(request) else { throw HTTPError(.unauthorized, message: "missing or wrong token") }
            guard let latest = self.browserResults.latest else {
                throw HTTPError(.notFound, message: "no browser has posted results yet")
            }
            return Self.text(latest, type: "application/json")
        }
        router.get("/browser/hold") { _, _ -> Response in
            await self.browserResults.hold()
            return Response(
                status: .ok, headers: [.contentType: "image/gif", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: Self.transparentGIF)))
        }
    }

    private static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The smallest transparent GIF (1×1).
    private static let transparentGIF: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]
}
